"""Request and response shapes (`XCreate`, `XUpdate`, `XRead`, `XPage`): the API's allowlists.

A field not named here is neither accepted (unknown fields are refused) nor returned.
"""
