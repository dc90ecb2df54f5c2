"""A real SMTP server for the tests, built on aiosmtpd.

Every accepted message is written to the folder given as --dir as one JSON file, read
back with Python's own e-mail parser: the envelope, the decoded subject and addresses,
the Message-ID, and the plain and HTML parts. A recipient whose local part starts with
"unknown" is refused with 550, as a real server refuses a mailbox that does not exist.

Usage: smtp_server.py --port PORT --dir FOLDER
Prints "ready" on standard output once it accepts connections.
"""

import argparse
import email
import email.policy
import json
import os
import signal
import threading

from aiosmtpd.controller import Controller


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
        }
        with self.lock:
            self.count += 1
            name = os.path.join(self.folder, f"{self.count:06d}.json")
        with open(name + ".part", "w", encoding="utf-8") as out:
            json.dump(record, out, ensure_ascii=False)
        os.replace(name + ".part", name)
        return "250 Message accepted"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--dir", required=True)
    args = parser.parse_args()
    os.makedirs(args.dir, exist_ok=True)
    controller = Controller(
        Keeper(args.dir),
        hostname="127.0.0.1",
        port=args.port,
        enable_SMTPUTF8=True,
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
