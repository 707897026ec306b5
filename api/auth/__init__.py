"""Sign-in: OAuth2 password flow for officials, client credentials for portals and kiosks, and a
rotating refresh token in an HttpOnly cookie (the SPA keeps no token in localStorage)."""
