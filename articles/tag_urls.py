from django.urls import path

from . import views

app_name = "tags"

urlpatterns = [
    path("", views.tag_index, name="index"),
    path("<slug:slug>/", views.tag_detail, name="detail"),
]
