"""The people who work the programme and how they sign in: organisations (councils), staff
accounts, passwords, bearer tokens, the second factor (TOTP) and sign-in throttling.
"""
