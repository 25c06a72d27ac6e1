from django.urls import path

from . import views

app_name = "articles"

urlpatterns = [
    path("articles/", views.article_list, name="list"),
    path("articles/<slug:slug>/", views.article_detail, name="detail"),
    path("references/", views.reference_list, name="references"),
]
