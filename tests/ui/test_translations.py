"""Every string of msc_desk/ui has a Russian translation that keeps its placeholders."""

from __future__ import annotations

import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog, QLabel, QMessageBox
from trial_builder import tool

from msc_desk.ui.i18n import (
    LANGUAGE_KEY,
    install_translators,
    remove_translators,
    store_language,
    stored_language,
)
from msc_desk.ui.resources import resource_path

ROOT = Path(__file__).resolve().parents[2]
UI = ROOT / "msc_desk" / "ui"
PLACEHOLDER = re.compile(r"%L?\d+|%n|\{[A-Za-z_][A-Za-z0-9_]*\}")

Key = tuple[str, str]  # (context, source)


def _messages(path: Path) -> dict[Key, tuple[bool, list[str]]]:
    """(context, source) -> (unfinished, translations: one, or the numerus forms)."""
    found = {}
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            forms = translation.findall("numerusform")
            texts = [form.text or "" for form in forms] if forms else [translation.text or ""]
            unfinished = translation.get("type") in ("unfinished", "vanished", "obsolete")
            found[(name, message.findtext("source", ""))] = (unfinished, texts)
    return found


@pytest.fixture(scope="module")
def extracted(tmp_path_factory: pytest.TempPathFactory) -> dict[Key, str]:
    """Every translatable string in msc_desk/ui (all areas, recursively) and its file."""
    sources = sorted(str(path) for path in UI.rglob("*.py"))
    out = tmp_path_factory.mktemp("lupdate") / "all_ru.ts"
    subprocess.run(
        [tool("pyside6-lupdate"), *sources, "-ts", str(out), "-source-language", "en",
         "-target-language", "ru", "-locations", "absolute", "-silent"],
        check=True,
    )  # fmt: skip
    files = {}
    for context in ET.parse(out).getroot().iter("context"):
        for message in context.iter("message"):
            location = message.find("location")
            where = Path(location.get("filename", "?")).name if location is not None else "?"
            files[(context.findtext("name", ""), message.findtext("source", ""))] = where
    return files


@pytest.fixture(scope="module")
def committed() -> dict[Key, tuple[bool, list[str]]]:
    """The union of the committed resources/translations/*_ru.ts files."""
    union: dict[Key, tuple[bool, list[str]]] = {}
    for path in sorted(resource_path("translations").glob("*_ru.ts")):
        for key, value in _messages(path).items():
            if key not in union or union[key][0]:
                union[key] = value
    return union


def test_lupdate_finds_the_main_window_strings(extracted: dict[Key, str]) -> None:
    assert ("MainWindow", "&File") in extracted
    assert ("Vocabulary", "Randomized") in extracted


def test_every_ui_string_has_a_russian_translation(
    extracted: dict[Key, str], committed: dict[Key, tuple[bool, list[str]]]
) -> None:
    missing = []
    for key, where in sorted(extracted.items()):
        unfinished, texts = committed.get(key, (True, [""]))
        if unfinished or not all(text.strip() for text in texts):
            missing.append(f"{where}: {key[0]}: {key[1]!r}")
    assert missing == [], f"{len(missing)} strings without Russian:\n" + "\n".join(missing)


def test_translations_keep_their_placeholders(
    committed: dict[Key, tuple[bool, list[str]]],
) -> None:
    broken = []
    for (context, source), (unfinished, texts) in committed.items():
        wanted = sorted(PLACEHOLDER.findall(source))
        for text in texts:
            if not unfinished and sorted(PLACEHOLDER.findall(text)) != wanted:
                broken.append((context, source, text))
    assert broken == []


def test_placeholder_check_sees_a_dropped_or_changed_placeholder() -> None:
    assert sorted(PLACEHOLDER.findall("%1 из %2")) != sorted(PLACEHOLDER.findall("%1 из"))
    assert PLACEHOLDER.findall("{name}") != PLACEHOLDER.findall("{имя}")
    assert PLACEHOLDER.findall("%n дней") == ["%n"]


def test_qt_buttons_read_russian_after_install(
    qapp: QApplication, compiled_translations: Path
) -> None:
    translators = install_translators(qapp, "ru", compiled_translations)
    try:
        assert len(translators) >= 2  # qtbase_ru and main_ru at least
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "Отмена"
        assert QCoreApplication.translate("MainWindow", "&File") == "&Файл"
        assert QCoreApplication.translate("Vocabulary", "MSC") == "МСК"
    finally:
        remove_translators(qapp, translators)
    assert QCoreApplication.translate("MainWindow", "&File") == "&File"


def test_english_is_the_source_and_needs_no_translator(qapp: QApplication) -> None:
    assert install_translators(qapp, "en") == []


def test_language_setting_defaults_to_russian(tmp_path: Path) -> None:
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    assert stored_language(settings) == "ru"
    store_language(settings, "en")
    assert stored_language(settings) == "en"
    settings.setValue(LANGUAGE_KEY, "de")
    assert stored_language(settings) == "ru"
    with pytest.raises(ValueError):
        store_language(settings, "de")


def test_resource_path_refuses_unknown_names() -> None:
    assert resource_path("translations").is_dir()
    assert resource_path("translations", "main_ru.ts").is_file()
    for parts in (("no-such-file",), ("..", "pyproject.toml"), ("translations/../x",), ()):
        with pytest.raises(FileNotFoundError):
            resource_path(*parts)


def test_qt_file_dialog_and_ok_read_russian(qapp: QApplication, russian: None) -> None:
    dialog = QFileDialog(None, "", "", "Key files (*.pem);;All files (*)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    try:
        labels = {label.text().replace("&", "") for label in dialog.findChildren(QLabel)}
        assert {"Папка:", "Имя файла:", "Тип файлов:"} <= labels
        assert not any(re.search("[A-Za-z]{3}", text) for text in labels)
    finally:
        dialog.deleteLater()
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
    assert box.button(QDialogButtonBox.StandardButton.Ok).text() == "ОК"  # Cyrillic О and К
    message = QMessageBox(QMessageBox.Icon.Information, "", "", QMessageBox.StandardButton.Ok)
    assert [button.text() for button in message.buttons()] == ["\u041e\u041a"]


# Calques a Russian ICU physician would not say, with what the interface says instead.
CALQUES = {
    "Смысл подписи": "Подпись означает",
    "Протокольные часы": "Отсчёт 10 часов",
    "Цепочка цела": "Журнал не изменён",
    "Скринировано": "Прошли скрининг",
    "онко-\nгематологическое": "онкогематологическое",
}


def test_no_calque_comes_back(committed: dict[Key, tuple[bool, list[str]]]) -> None:
    found = [
        (context, source, calque)
        for (context, source), (_unfinished, texts) in committed.items()
        for text in texts
        for calque in CALQUES
        if calque.lower() in text.lower()
    ]
    assert found == []
    every_text = " ".join(" ".join(texts) for _u, texts in committed.values())
    assert all(replacement in every_text for replacement in CALQUES.values())
