"""The audit head printed at the foot of a casebook page, checked later against the chain."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from pdf_tools import pdf_pages
from sqlalchemy import select

from msc_desk.models import Patient
from msc_desk.services.casebook import print_casebook
from msc_desk.services.chain_head import (
    HeadOnChain,
    audit_chain_head,
    check_printed_head,
    format_head,
    printed_head_text,
)
from msc_desk.services.demo import create_demo_trial
from msc_desk.services.session import read_session
from msc_desk.services.workspace import OpenWorkspace, sign_in


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OpenWorkspace]:
    folder = tmp_path_factory.mktemp("head") / "trial"
    create_demo_trial(folder, screened=6)
    workspace = sign_in(folder, "ivanova", "demo-doctor")
    yield workspace
    workspace.close()


def _first_study_id(workspace: OpenWorkspace) -> str:
    with read_session(workspace.factory) as session:
        found = session.scalar(select(Patient.study_id).order_by(Patient.id).limit(1))
    assert found is not None
    return found


def _footer_lines(workspace: OpenWorkspace, folder: Path) -> list[str]:
    """The footer of each page of a fresh casebook, as pdftotext reads it (to paste)."""
    pdf = print_casebook(workspace.factory, workspace.actor, _first_study_id(workspace))
    pages = pdf_pages(pdf, folder)
    found = [re.search(r"Напечатано: .*?стр\. \d+ из \d+", page) for page in pages]
    assert all(found), pages
    return [match[0] for match in found if match]


def _check(workspace: OpenWorkspace, text: str) -> HeadOnChain | None:
    with read_session(workspace.factory) as session:
        check = check_printed_head(session, text)
    return None if check is None else check.result


def test_every_page_carries_the_head_of_the_chain_as_it_was_read(
    demo: OpenWorkspace, tmp_path: Path
) -> None:
    with read_session(demo.factory) as session:
        count, hash_hex = audit_chain_head(session)
    footers = _footer_lines(demo, tmp_path)
    assert len(footers) > 2
    printed = format_head(count, hash_hex, digits=16)
    for footer in footers:
        assert f"Журнал аудита: {printed} стр." in footer, footer


def test_a_pasted_footer_matches_and_stays_a_prefix_as_the_record_goes_on(
    demo: OpenWorkspace, tmp_path: Path
) -> None:
    footer = _footer_lines(demo, tmp_path)[1]
    assert _check(demo, footer) is HeadOnChain.PREFIX
    head = printed_head_text(footer)
    assert re.fullmatch(r" \d+ · [0-9A-F]{4} [0-9A-F]{4} [0-9A-F]{4} [0-9A-F]{4}", head), head
    assert _check(demo, head) is HeadOnChain.PREFIX
    assert _check(demo, head.lower().replace(" ", "")) is HeadOnChain.PREFIX
    # Printing is audited: the chain grew after the page was printed, and the page still matches.
    print_casebook(demo.factory, demo.actor, _first_study_id(demo))
    assert _check(demo, footer) is HeadOnChain.PREFIX


def test_a_head_with_another_hash_does_not_match(demo: OpenWorkspace, tmp_path: Path) -> None:
    footer = _footer_lines(demo, tmp_path)[0]
    count, digits = re.search(r"Журнал аудита: (\d+) · ([0-9A-F ]+?) стр", footer).groups()  # type: ignore[union-attr]
    wrong = ("0" if digits[0] != "0" else "1") + digits[1:]
    assert _check(demo, f"{count} · {wrong}") is HeadOnChain.DIFFERENT
    # The right hash under an earlier count is not on the chain either.
    assert _check(demo, f"{int(count) - 1} · {digits}") is HeadOnChain.DIFFERENT


def test_a_head_beyond_the_chain_says_so(demo: OpenWorkspace, tmp_path: Path) -> None:
    footer = _footer_lines(demo, tmp_path)[0]
    count, digits = re.search(r"Журнал аудита: (\d+) · ([0-9A-F ]+?) стр", footer).groups()  # type: ignore[union-attr]
    with read_session(demo.factory) as session:
        beyond = check_printed_head(session, f"{int(count) + 10_000} · {digits}")
        current, _hash = audit_chain_head(session)
    assert beyond is not None
    assert beyond.result is HeadOnChain.BEYOND
    assert beyond.count == int(count) + 10_000 and beyond.current_count == current


@pytest.mark.parametrize(
    "typed", ["", "мусор", "Журнал аудита:", "12", "12 · 9F3A", "12 · 9F3A 0C1Z 1111"]
)
def test_what_holds_no_head_is_not_read_as_one(demo: OpenWorkspace, typed: str) -> None:
    assert _check(demo, typed) is None
