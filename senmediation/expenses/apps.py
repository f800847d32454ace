from django.apps import AppConfig


class ExpensesConfig(AppConfig):
    name = "senmediation.expenses"
    label = "expenses"
    verbose_name = "Parents' expenses"
