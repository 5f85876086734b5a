"""The demo's municipal login (development settings only): key pairs for the SP and the demo IdP in
.sso-dev/, and the demo IdP registered as Skanderborg's identity provider. Idempotent."""

from pathlib import Path

from django.conf import settings

from ..models import Municipality
from . import demo_idp, services
from .keys import generate_key_pair
from .models import IdentityProvider

DEMO_MUNICIPALITY = "Skanderborg"


def _ensure_pair(key_file, cert_file, common_name):
    key_file, cert_file = Path(key_file), Path(cert_file)
    if not (key_file.exists() and cert_file.exists()):
        generated = generate_key_pair(key_file.parent, key_file.stem, common_name)
        Path(generated.key_file).rename(key_file)
        Path(generated.cert_file).rename(cert_file)


def load(stdout=None):
    if not settings.ICS_SSO.get("DEMO_IDP"):
        return  # not in production, not in tests: only the development settings turn the demo IdP on
    sp_key, sp_cert = settings.ICS_SSO["SP_KEYS"][0]
    _ensure_pair(sp_key, sp_cert, "ICS Akademi (demo SP)")
    _ensure_pair(*settings.ICS_SSO["DEMO_IDP_KEYS"], "ICS Akademi demo-IdP")
    municipality = Municipality.objects.get(name=DEMO_MUNICIPALITY)
    # Found by municipality too: a demo loaded again on another address (SITE_URL) updates the row.
    row = (IdentityProvider.objects.filter(entity_id=demo_idp.entity_id()).first()
           or IdentityProvider.objects.filter(kind=IdentityProvider.Kind.MUNICIPALITY, municipality=municipality).first()
           or IdentityProvider(name="Demo-IdP (Skanderborg)", kind=IdentityProvider.Kind.MUNICIPALITY,
                               municipality=municipality))
    services.idp_save(identity_provider=row, by=None, xml=demo_idp.idp_metadata_xml())
    if stdout:
        stdout.write(f"  municipal login: demo IdP for {municipality} at {demo_idp.entity_id()}")
