from django import forms


class SubjectAccessForm(forms.Form):
    query = forms.CharField(
        label="Name or email address of the person", max_length=200,
        help_text="We search the children's names, everyone named in a case, and referrers.",
        error_messages={"required": "Enter a name or an email address"},
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    file_format = forms.ChoiceField(
        label="Format", choices=[("pdf", "PDF, to read or send"), ("json", "JSON, for another system")],
        initial="pdf", widget=forms.RadioSelect,
        error_messages={"required": "Choose a format"},
    )
