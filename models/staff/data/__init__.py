"""Data the staff rules read: the list of common passwords (models.staff.passwords)."""
