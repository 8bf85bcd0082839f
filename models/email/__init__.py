"""The email outbox: nudges by email for staff who choose it, claimed and sent by SMTP."""
