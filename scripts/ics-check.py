#!/usr/bin/python3
"""Checks iCalendar files with libical (Debian: gir1.2-ical-3.0, python3-gi): each file must parse,
and libical's restriction check (RFC 5545/5546 property rules for the METHOD) must find nothing.
Prints every problem and exits 1 if there is any; used by the tests on every generated .ics."""
import sys

import gi
gi.require_version("ICalGLib", "3.0")
from gi.repository import ICalGLib  # noqa: E402


def problems(text):
    found = []
    comp = ICalGLib.Component.new_from_string(text)
    if comp is None or comp.isa() != ICalGLib.ComponentKind.VCALENDAR_COMPONENT:
        return ["not an iCalendar object (libical could not parse it)"]
    comp.check_restrictions()

    def walk(c):
        # libical records what is wrong as X-LIC-ERROR properties on the offending component.
        p = c.get_first_property(ICalGLib.PropertyKind.XLICERROR_PROPERTY)
        while p is not None:
            found.append(f"{ICalGLib.Component.kind_to_string(c.isa())}: {p.get_xlicerror()}")
            p = c.get_next_property(ICalGLib.PropertyKind.XLICERROR_PROPERTY)
        child = c.get_first_component(ICalGLib.ComponentKind.ANY_COMPONENT)
        while child is not None:
            walk(child)
            child = c.get_next_component(ICalGLib.ComponentKind.ANY_COMPONENT)

    walk(comp)
    return found


failed = False
for path in sys.argv[1:]:
    with open(path, "rb") as f:
        raw = f.read()
    issues = problems(raw.decode("utf-8"))
    if b"\n" in raw.replace(b"\r\n", b""):
        issues.append("a line ends without CR LF")
    issues += [f"line {i + 1} is longer than 75 octets" for i, line in enumerate(raw.split(b"\r\n")) if len(line) > 75]
    for issue in issues:
        print(f"{path}: {issue}")
    failed = failed or bool(issues)
print("ok" if not failed else "invalid")
sys.exit(1 if failed else 0)
