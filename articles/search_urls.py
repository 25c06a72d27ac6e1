from django.urls import path

from . import views

# Not namespaced: the search page is `{% url 'search' %}`.
urlpatterns = [
    path("", views.search, name="search"),
]
