"""Services for certificates, letters and uploads: keyword-only arguments, one transaction each."""
