from django.urls import path

from . import views

app_name = "expenses"
urlpatterns = [
    path("", views.claims, name="claims"),
    path("<int:pk>/decide/", views.decide, name="decide"),
    path("<int:pk>/receipts/<int:receipt_id>/", views.receipt, name="receipt"),
]
