"""Interface language: Qt's own translations plus every area's resources/*_<lang>.qm."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QSettings, QTranslator

from msc_desk.resources import resource_path

LANGUAGES = ("ru", "en")
DEFAULT_LANGUAGE = "ru"
SOURCE_LANGUAGE = "en"
LANGUAGE_KEY = "ui/language"

_log = logging.getLogger(__name__)
_active_language = SOURCE_LANGUAGE


def interface_language() -> str:
    """The language of the installed translators ("en", the source, when none are installed).

    For words kept in domain modules in both languages (the screening failure codes).
    """
    return _active_language


def stored_language(settings: QSettings) -> str:
    """The interface language chosen in the settings: "ru" (default) or "en"."""
    value = settings.value(LANGUAGE_KEY, DEFAULT_LANGUAGE)
    return value if isinstance(value, str) and value in LANGUAGES else DEFAULT_LANGUAGE


def store_language(settings: QSettings, language: str) -> None:
    """Remember the interface language; it takes effect at the next start.

    Raises:
        ValueError: not one of LANGUAGES.
    """
    if language not in LANGUAGES:
        raise ValueError(f"unsupported interface language {language!r}")
    settings.setValue(LANGUAGE_KEY, language)
    settings.sync()


def _load(app: QCoreApplication, name: str, folder: str) -> QTranslator | None:
    translator = QTranslator(app)
    if translator.load(name, folder):
        return translator
    translator.deleteLater()
    return None


def install_translators(
    app: QCoreApplication, language: str, translations_dir: Path | None = None
) -> list[QTranslator]:
    """Install Qt's translations and every ``*_<language>.qm`` of the application.

    The application's files come last, so they win; ``qt_supplement_<language>`` fills what
    Qt's own catalogue leaves untranslated (the file dialog's «Look in», «ОК»).

    Args:
        app: the application; the translators are its children, so they stay alive.
        language: "ru" or "en"; English is the source language and needs no translator.
        translations_dir: where the compiled .qm files are (default: resources/translations).

    Returns:
        The installed translators, for `remove_translators`.
    """
    global _active_language
    _active_language = language
    if language == SOURCE_LANGUAGE:
        return []
    installed: list[QTranslator] = []
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    # qt_<lang> gathers every Qt module's catalogue, but loads only when all of them are
    # installed (PySide6-Essentials lacks some); qtbase_<lang> holds the widgets and dialogs.
    for name in (f"qt_{language}", f"qtbase_{language}"):
        translator = _load(app, name, qt_dir)
        if translator is not None:
            installed.append(translator)
        elif name.startswith("qtbase"):
            _log.warning("Qt's own translation %s.qm is missing from %s", name, qt_dir)
    if translations_dir is None:
        try:
            translations_dir = resource_path("translations")
        except FileNotFoundError:
            _log.warning("no translations folder: the interface stays in English")
            return _install(app, installed)
    files = sorted(translations_dir.glob(f"*_{language}.qm"))
    if not files:
        _log.warning("no *_%s.qm in %s (run `make translations`)", language, translations_dir)
    for path in files:
        translator = _load(app, path.stem, str(path.parent))
        if translator is None:
            _log.warning("cannot load translation %s", path)
        else:
            installed.append(translator)
    return _install(app, installed)


def _install(app: QCoreApplication, translators: list[QTranslator]) -> list[QTranslator]:
    for translator in translators:
        app.installTranslator(translator)
    return translators


def remove_translators(app: QCoreApplication, translators: list[QTranslator]) -> None:
    """Uninstall translators installed by `install_translators`."""
    global _active_language
    _active_language = SOURCE_LANGUAGE
    for translator in translators:
        app.removeTranslator(translator)
        translator.deleteLater()
