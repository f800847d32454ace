"""Staff pages for the meeting record, the agreement builder, finalising and follow-up."""
