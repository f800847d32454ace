from django import forms


class SignInForm(forms.Form):
    username = forms.CharField(
        label="Username", max_length=150,
        error_messages={"required": "Enter your username"},
        widget=forms.TextInput(attrs={"autocomplete": "username", "spellcheck": "false"}),
    )
    password = forms.CharField(
        label="Password", max_length=200, strip=False,
        error_messages={"required": "Enter your password"},
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Security code", max_length=20,
        help_text="The 6-digit code from your authenticator app, or one of your recovery codes.",
        error_messages={"required": "Enter the security code"},
        widget=forms.TextInput(attrs={
            "autocomplete": "one-time-code", "spellcheck": "false", "autocapitalize": "none",
        }),
    )

    def clean_code(self) -> str:
        return "".join(str(self.cleaned_data["code"]).split())


class SetupCodeForm(CodeForm):
    code = forms.CharField(
        label="Security code from your app", max_length=10,
        help_text="Enter the 6-digit code your app shows now.",
        error_messages={"required": "Enter the 6-digit code from your app"},
        widget=forms.TextInput(attrs={
            "autocomplete": "one-time-code", "inputmode": "numeric", "spellcheck": "false",
        }),
    )
