"""Authentication and authorisation: tokens, passwords, roles → scopes, and the route guard."""
