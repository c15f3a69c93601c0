"""Visit forms: the patient's visit list and the form dialog drawn from the catalogue."""
