"""SAML 2.0 single sign-on for municipal staff (OIOSAML 3), on pysaml2.

The platform is the service provider (SP); a municipality's own identity provider (ADFS, Entra ID) or
the common municipal federation is the identity provider (IdP). Who gets in is the roster's decision
(`people.sso.services.sso_login_decide`), never the IdP's: an assertion logs in only a person on the
staff of the municipality it speaks for.

- `models`: identity providers, linked NameIDs, seen assertion ids (replay guard), refused logins.
- `assurance`: NSIS levels and what the session remembers of the SSO login.
- `keys`: the SP's key pairs (two at once for rollover), key generation for tests and the demo.
- `config`: the pysaml2 configuration for one IdP, and the SP's metadata.
- `metadata`: reading and checking an IdP's metadata (uploaded or fetched).
- `services`: the writes (IdP saved from metadata, login decided and recorded).
- `views`, `urls`: the SP's endpoints; `demo_idp`: the development-only demo IdP.
"""
