"""A real SMTP server for the tests, built on aiosmtpd.

Every accepted message is written to the folder given as --dir as one JSON file, read
back with Python's own e-mail parser: the envelope, the decoded subject and addresses,
the Message-ID, the plain and HTML parts, and whether the session used TLS and which
login it authenticated with. A recipient whose local part starts with "unknown" is
rejected with 550, as a real server rejects a mailbox that does not exist.

With --secure LOGIN:PASSWORD the server requires STARTTLS and then authentication with
that login and password (PLAIN or LOGIN). Its certificate for 127.0.0.1 is issued by a
test certificate authority made at start; the authority's certificate is written to
FOLDER/ca.pem for the client to trust.

Usage: smtp_server.py --port PORT --dir FOLDER [--secure LOGIN:PASSWORD]
Prints "ready" on standard output once it accepts connections.
"""

import argparse
import datetime
import email
import email.policy
import json
import os
import ipaddress
import logging
import signal
import ssl
import threading
import warnings

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


def lines(part):
    """The decoded content of a MIME part with its CRLF line ends written as LF."""
    if part is None:
        return None
    return part.get_content().replace("\r\n", "\n")


class Keeper:
    def __init__(self, folder):
        self.folder = folder
        # A restarted server goes on numbering after what its predecessor kept.
        self.count = len([name for name in os.listdir(folder) if name.endswith(".json")])
        self.lock = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.split("@")[0].startswith("unknown"):
            return "550 5.1.1 Mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        plain = message.get_body(preferencelist=("plain",))
        html = message.get_body(preferencelist=("html",))
        record = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "smtputf8": envelope.smtp_utf8,
            "from": str(message["From"]),
            "to": str(message["To"]),
            "subject": str(message["Subject"]),
            "message_id": str(message["Message-ID"]),
            "text": lines(plain),
            "html": lines(html),
            "tls": session.ssl is not None,
            "login": session.auth_data.login.decode() if session.authenticated else None,
        }
        with self.lock:
            self.count += 1
            name = os.path.join(self.folder, f"{self.count:06d}.json")
        with open(name + ".part", "w", encoding="utf-8") as out:
            json.dump(record, out, ensure_ascii=False)
        os.replace(name + ".part", name)
        return "250 Message accepted"


def make_certificates(folder):
    """Issues a certificate for 127.0.0.1 from a new test authority; returns the paths
    of the server's certificate and key. The authority's certificate goes to ca.pem."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

    now = datetime.datetime.now(datetime.timezone.utc)
    valid_from = now - datetime.timedelta(minutes=5)
    valid_to = now + datetime.timedelta(days=1)
    authority_key = ec.generate_private_key(ec.SECP256R1())
    authority_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Kabinet test CA")])
    authority = (
        x509.CertificateBuilder()
        .subject_name(authority_name)
        .issuer_name(authority_name)
        .public_key(authority_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(valid_from)
        .not_valid_after(valid_to)
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .sign(authority_key, hashes.SHA256())
    )
    server_key = ec.generate_private_key(ec.SECP256R1())
    server = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")]))
        .issuer_name(authority_name)
        .public_key(server_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(valid_from)
        .not_valid_after(valid_to)
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .sign(authority_key, hashes.SHA256())
    )
    pem = serialization.Encoding.PEM
    paths = {name: os.path.join(folder, name) for name in ("ca.pem", "server.pem", "server.key")}
    with open(paths["ca.pem"], "wb") as out:
        out.write(authority.public_bytes(pem))
    with open(paths["server.pem"], "wb") as out:
        out.write(server.public_bytes(pem))
    with open(paths["server.key"], "wb") as out:
        out.write(
            server_key.private_bytes(
                pem, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
            )
        )
    return paths["server.pem"], paths["server.key"]


def secure_options(folder, credentials):
    """The aiosmtpd options that require STARTTLS, then authentication as `credentials`."""
    login, password = credentials.split(":", 1)
    certificate, key = make_certificates(folder)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(certificate, key)

    def authenticator(server, session, envelope, mechanism, auth_data):
        accepted = (
            isinstance(auth_data, LoginPassword)
            and auth_data.login.decode() == login
            and auth_data.password.decode() == password
        )
        # The login is kept in the session only when the result carries it. Without
        # handled=False a rejection would send no reply at all, and the client would wait.
        return AuthResult(
            success=accepted, handled=False, auth_data=auth_data if accepted else None
        )

    return {
        "tls_context": context,
        "require_starttls": True,
        "authenticator": authenticator,
        "auth_required": True,
        "auth_require_tls": True,
    }


def main():
    # aiosmtpd logs a traceback for each failed TLS handshake, which a test causes on
    # purpose, and warns about its own use of a deprecated session field.
    logging.getLogger("mail.log").setLevel(logging.CRITICAL)
    warnings.filterwarnings("ignore", message="Session.login_data is deprecated")
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--dir", required=True)
    parser.add_argument("--secure", metavar="LOGIN:PASSWORD")
    args = parser.parse_args()
    os.makedirs(args.dir, exist_ok=True)
    options = secure_options(args.dir, args.secure) if args.secure else {}
    controller = Controller(
        Keeper(args.dir),
        hostname="127.0.0.1",
        port=args.port,
        enable_SMTPUTF8=True,
        **options,
    )
    controller.start()
    print("ready", flush=True)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    try:
        stop.wait()
    except KeyboardInterrupt:
        pass
    controller.stop()


if __name__ == "__main__":
    main()
