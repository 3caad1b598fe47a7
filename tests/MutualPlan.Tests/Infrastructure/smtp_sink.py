"""A real SMTP server for the tests (aiosmtpd): every message received is written to a folder.

usage: /usr/bin/python3 smtp_sink.py PORT FOLDER
Each message becomes NNNNNN.eml (the bytes as received) and NNNNNN.json (the envelope: MAIL FROM
and RCPT TO), written under a temporary name and renamed, so a reader never sees half a file.
Prints "ready" once it accepts connections.
"""
import itertools, json, os, sys, threading, time
from aiosmtpd.controller import Controller

port, folder = int(sys.argv[1]), sys.argv[2]
os.makedirs(folder, exist_ok=True)
counter = itertools.count(len([f for f in os.listdir(folder) if f.endswith(".eml")]) + 1)
lock = threading.Lock()


class FolderHandler:
    async def handle_DATA(self, server, session, envelope):
        with lock:
            n = next(counter)
        name = os.path.join(folder, f"{time.time_ns()}-{n:06d}")
        with open(name + ".tmp", "wb") as f:
            f.write(envelope.original_content or envelope.content)
        with open(name + ".json.tmp", "w") as f:
            json.dump({"mailFrom": envelope.mail_from, "rcptTos": envelope.rcpt_tos}, f)
        os.replace(name + ".json.tmp", name + ".json")
        os.replace(name + ".tmp", name + ".eml")
        return "250 Message accepted for delivery"


controller = Controller(FolderHandler(), hostname="127.0.0.1", port=port)
controller.start()
print("ready", flush=True)
try:
    threading.Event().wait()
finally:
    controller.stop()
