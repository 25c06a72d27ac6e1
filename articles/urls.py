from django.urls import path

from . import feedback, handout, views

app_name = "articles"

urlpatterns = [
    path("articles/", views.article_list, name="list"),
    path("articles/<slug:slug>/", views.article_detail, name="detail"),
    path("articles/<slug:slug>/print/", handout.article_print, name="print"),
    path("articles/<slug:slug>/feedback/", feedback.page_feedback, name="feedback"),
    path("references/", views.reference_list, name="references"),
]
