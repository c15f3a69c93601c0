"""CDISC ODM 1.3.2 of a batch: study metadata, the clinical data and its audit records."""

# Generic over the exported tables: each table with a patient_id is one study event and form
# (rows repeat as item groups, keyed by the row id), each visit day is a study event of the
# visit form (visit columns with raw observations and SOFA). Each ItemData carries the last
# AuditRecord of its field when the audit has one. Validated in the tests against the official
# schema in resources/odm/1.3.2.

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from sqlalchemy import Boolean, Date, DateTime, Integer, Numeric

from msc_desk.catalogue import TABLES
from msc_desk.models import Base
from msc_desk.protocol import STUDY
from msc_desk.services.export_collect import Snapshot
from msc_desk.services.export_sofa import PREFIX as SOFA_PREFIX

ODM_NS = "http://www.cdisc.org/ns/odm/v1.3"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
MDV = "MDV.1"
_SUBJECT_TABLES_SKIPPED = frozenset({"visit", "patient"})
ET.register_namespace("", ODM_NS)


def _q(tag: str) -> str:
    return f"{{{ODM_NS}}}{tag}"


def _sub(parent: ET.Element, tag: str, **attributes: str) -> ET.Element:
    return ET.SubElement(parent, _q(tag), attributes)


def _text(parent: ET.Element, tag: str, english: str, russian: str | None = None) -> None:
    holder = _sub(parent, tag)
    _sub(holder, "TranslatedText", **{XML_LANG: "en"}).text = english
    if russian:
        _sub(holder, "TranslatedText", **{XML_LANG: "ru"}).text = russian


def _data_type(table: str, column: str) -> str:
    if column.startswith(SOFA_PREFIX + "sofa_") and not column.endswith("sofa_note"):
        return "integer"
    if column.startswith("obs_") and not column.endswith("_unit"):
        return "text"
    described = Base.metadata.tables.get(table)
    kind = (
        described.columns[column].type
        if described is not None and column in described.columns
        else None
    )
    if isinstance(kind, Boolean):
        return "boolean"
    if isinstance(kind, Integer):
        return "integer"
    if isinstance(kind, Numeric):
        return "float"
    if isinstance(kind, DateTime):
        return "datetime"
    if isinstance(kind, Date):
        return "date"
    if kind is not None and type(kind).__name__ == "UTCDateTime":
        return "datetime"
    if kind is not None and type(kind).__name__ == "ExactDecimal":
        return "float"
    return "text"


_ATTRIBUTE_ESCAPED = re.compile(r'[&<>"\n\r\t]')


def _attribute(text: str) -> str:
    """`text` as a quoted XML attribute value (`quoteattr`, without its cost for plain text)."""
    return f'"{text}"' if _ATTRIBUTE_ESCAPED.search(text) is None else quoteattr(text)


def _value(value: Any) -> str | None:
    kind = value.__class__
    if kind is str:
        return value or None
    if kind is int:
        return str(value)
    if value is None:
        return None
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat().replace("+00:00", "Z")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value, "f")
    if hasattr(value, "value"):
        return str(value.value)
    return str(value)


def _oid(*parts: object) -> str:
    return ".".join(str(part).upper() for part in parts)


def _last_audit(entries: list[dict[str, Any]]) -> dict[tuple[str, str, str], dict[str, Any]]:
    last: dict[tuple[str, str, str], dict[str, Any]] = {}
    for entry in entries:
        if entry.get("table_name") and entry.get("record_id") and entry.get("field"):
            last[(entry["table_name"], entry["record_id"], entry["field"])] = entry
    return last


def build_odm(snapshot: Snapshot, *, created_at: datetime, file_oid: str) -> bytes:
    """The ODM 1.3.2 snapshot document of `snapshot` (UTF-8 XML bytes)."""
    root = ET.Element(_q("ODM"), {
        "FileType": "Snapshot", "FileOID": file_oid, "ODMVersion": "1.3.2",
        "CreationDateTime": _value(created_at) or "", "Granularity": "All",
    })  # fmt: skip
    subject_tables = [
        name for name, columns in snapshot.columns.items()
        if "patient_id" in columns and name not in _SUBJECT_TABLES_SKIPPED
    ]  # fmt: skip
    visit_days = sorted({row["study_day"] for row in snapshot.tables.get("visit", [])})
    _metadata(root, snapshot, subject_tables, visit_days)
    _admin(root, snapshot)
    ET.indent(root)
    head = ET.tostring(root, encoding="unicode")
    closing = head.rindex("</ODM>")
    clinical = _clinical_xml(snapshot, subject_tables)
    document = head[:closing] + clinical + "\n" + head[closing:]
    return b"<?xml version='1.0' encoding='utf-8'?>\n" + document.encode("utf-8") + b"\n"


def _metadata(
    root: ET.Element, snapshot: Snapshot, subject_tables: list[str], visit_days: list[int]
) -> None:
    study = _sub(root, "Study", OID=STUDY)
    variables = _sub(study, "GlobalVariables")
    _sub(variables, "StudyName").text = STUDY
    _sub(
        variables, "StudyDescription"
    ).text = "Mesenchymal stromal cells for septic shock in severe neutropenia"
    _sub(variables, "ProtocolName").text = STUDY
    version = _sub(study, "MetaDataVersion", OID=MDV, Name="MSC Desk export")
    protocol = _sub(version, "Protocol")
    events = [(_oid("SE", table), table) for table in subject_tables]
    events += [(_oid("SE", "DAY", day), f"visit day {day}") for day in visit_days]
    for number, (oid, _name) in enumerate(events, start=1):
        _sub(protocol, "StudyEventRef", StudyEventOID=oid, OrderNumber=str(number), Mandatory="No")
    for table in subject_tables:
        definition = _sub(version, "StudyEventDef", OID=_oid("SE", table), Name=table,
                          Repeating="No", Type="Common")  # fmt: skip
        _sub(definition, "FormRef", FormOID=_oid("F", table), Mandatory="No")
    for day in visit_days:
        definition = _sub(version, "StudyEventDef", OID=_oid("SE", "DAY", day),
                          Name=f"Visit day {day}", Repeating="No", Type="Scheduled")  # fmt: skip
        _sub(definition, "FormRef", FormOID=_oid("F", "visit"), Mandatory="No")
    forms = subject_tables + (["visit"] if visit_days else [])
    for table in forms:
        form = _sub(version, "FormDef", OID=_oid("F", table), Name=table, Repeating="No")
        _sub(form, "ItemGroupRef", ItemGroupOID=_oid("IG", table), Mandatory="No")
    labels = {table.name: table for table in TABLES}
    for table in forms:
        repeating = "No" if table in ("visit", "outcome", "screening") else "Yes"
        group = _sub(version, "ItemGroupDef", OID=_oid("IG", table), Name=table,
                     Repeating=repeating)  # fmt: skip
        for column in snapshot.columns[table]:
            _sub(group, "ItemRef", ItemOID=_oid("I", table, column), Mandatory="No")
    for table in forms:
        described = labels.get(table)
        for column in snapshot.columns[table]:
            item = _sub(version, "ItemDef", OID=_oid("I", table, column), Name=column,
                        DataType=_data_type(table, column))  # fmt: skip
            field = described.column(column) if described is not None else None
            if field is not None:
                _text(item, "Description", field.label("en"), field.label("ru"))


def _admin(root: ET.Element, snapshot: Snapshot) -> None:
    admin = _sub(root, "AdminData", StudyOID=STUDY)
    for user in snapshot.tables.get("user_account", []):
        entry = _sub(admin, "User", OID=_oid("U", user["id"]))
        _sub(entry, "LoginName").text = str(user.get("username", ""))
    for device in snapshot.tables.get("device", []):
        location = _sub(admin, "Location", OID=_oid("L", device["device_uid"]),
                        Name=str(device.get("name", "")), LocationType="Site")  # fmt: skip
        effective = (_value(device.get("created_at")) or "2013-01-01")[:10]
        _sub(location, "MetaDataVersionRef", StudyOID=STUDY, MetaDataVersionOID=MDV,
             EffectiveDate=effective)  # fmt: skip


def _clinical_xml(snapshot: Snapshot, subject_tables: list[str]) -> str:
    """The ClinicalData element as text, written directly (the bulk of the document)."""
    subjects = {row["id"]: row["study_id"] for row in snapshot.tables.get("patient", [])}
    audit = _last_audit(snapshot.audit_entries)
    device = next(iter(snapshot.tables.get("device", [])), None)
    location = quoteattr(_oid("L", device["device_uid"]) if device else "L.UNKNOWN")
    by_subject: dict[int, list[tuple[str, str, dict[str, Any]]]] = {}
    for table in subject_tables:
        event_oid = _oid("SE", table)
        for row in snapshot.tables[table]:
            by_subject.setdefault(row["patient_id"], []).append((event_oid, table, row))
    for visit in sorted(snapshot.tables.get("visit", []), key=lambda r: r["study_day"]):
        by_subject.setdefault(visit["patient_id"], []).append(
            (_oid("SE", "DAY", visit["study_day"]), "visit", visit)
        )
    item_oids = {
        table: [(column, quoteattr(_oid("I", table, column))) for column in snapshot.columns[table]]
        for table in {*subject_tables, "visit"} if table in snapshot.columns
    }  # fmt: skip
    out = [f"<ClinicalData StudyOID={quoteattr(STUDY)} MetaDataVersionOID={quoteattr(MDV)}>"]
    for patient_id, study_id in subjects.items():
        out.append(f"<SubjectData SubjectKey={quoteattr(str(study_id))}>")
        grouped: dict[str, list[tuple[str, dict[str, Any]]]] = {}
        for event_oid, table, row in by_subject.get(patient_id, []):
            grouped.setdefault(event_oid, []).append((table, row))
        for event_oid, rows in grouped.items():
            out.append(f"<StudyEventData StudyEventOID={quoteattr(event_oid)}>")
            out.append(f"<FormData FormOID={quoteattr(_oid('F', rows[0][0]))}>")
            for table, row in rows:
                record_id = str(row["id"])
                out.append(
                    f"<ItemGroupData ItemGroupOID={quoteattr(_oid('IG', table))} "
                    f"ItemGroupRepeatKey={quoteattr(record_id)}>"
                )
                for column, item_oid in item_oids[table]:
                    raw = row.get(column)
                    if raw is None:  # most empty cells: no call
                        continue
                    value = _value(raw)
                    if value is None:
                        continue
                    entry = audit.get((table, record_id, column))
                    if entry is None:
                        out.append(f"<ItemData ItemOID={item_oid} Value={_attribute(value)}/>")
                        continue
                    out.append(f"<ItemData ItemOID={item_oid} Value={_attribute(value)}>")
                    out.append(_audit_record_xml(entry, location))
                    out.append("</ItemData>")
                out.append("</ItemGroupData>")
            out.append("</FormData></StudyEventData>")
        out.append("</SubjectData>")
    out.append("</ClinicalData>")
    return "\n".join(out)


def _audit_record_xml(entry: Mapping[str, Any], location: str) -> str:
    user = entry.get("user_id")
    user_oid = quoteattr(_oid("U", user if user is not None else "SYSTEM"))
    stamp = escape(str(entry["at"]).replace("+00:00", "Z"))
    reason = entry.get("reason")
    reason_xml = f"<ReasonForChange>{escape(str(reason))}</ReasonForChange>" if reason else ""
    source = escape(f"audit_log:{entry['id']}:{entry['entry_hash']}")
    return (
        '<AuditRecord EditPoint="DataManagement" UsedImputationMethod="No">'
        f"<UserRef UserOID={user_oid}/><LocationRef LocationOID={location}/>"
        f"<DateTimeStamp>{stamp}</DateTimeStamp>{reason_xml}<SourceID>{source}</SourceID>"
        "</AuditRecord>"
    )
