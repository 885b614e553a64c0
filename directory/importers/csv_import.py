"""Import of the HR export (CSV), keyed on the matricule.

read → validate → map → store in batches → report. A bad line is rejected with its number and
the reason, and never stops the others. Re-importing the same file writes nothing. The file is
a full export: agents it created earlier and that are missing now are deactivated, never deleted.
Columns are documented in docs/directory.md.
"""

import csv
import io

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from core.gender import parse_civility
from core.text import fold_words

from ..models import Agent
from ..models.organisation import extension_validator, matricule_validator
from .store import Record, ServiceResolver, agent_report, store_records, where

# CSV column → Agent field, for plain text columns.
TEXT_COLUMNS = {
    "nom": "last_name",
    "prenom": "first_name",
    "nom_usage": "usual_name",
    "fonction": "job_title",
    "telephone": "phone",
    "poste": "extension",
    "mobile": "mobile",
    "courriel": "email",
    "batiment": "building",
    "bureau": "office",
}
BOOLEAN_COLUMNS = {"mobile_publie": "mobile_published", "liste_rouge": "do_not_list"}
REQUIRED_COLUMNS = ["matricule", "nom", "prenom"]
OTHER_COLUMNS = {"civilite", "service", "responsable"}
KNOWN_COLUMNS = set(REQUIRED_COLUMNS) | set(TEXT_COLUMNS) | set(BOOLEAN_COLUMNS) | OTHER_COLUMNS
TRUE_VALUES = {"oui", "o", "vrai", "true", "1", "x", "yes"}
FALSE_VALUES = {"non", "n", "faux", "false", "0", ""}


# An HR export of a town's agents is a few megabytes at most; the cap bounds the import's memory.
MAX_BYTES = 20 * 1024 * 1024


class ImportFileError(Exception):
    """The file as a whole cannot be imported (unreadable, missing columns)."""


def _decode(raw):
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Spreadsheet exports on Windows are often in Windows-1252.
        return raw.decode("cp1252", errors="replace")


def read_rows(raw):
    """Return (columns, rows) where rows are (line number, {column: value})."""
    if len(raw) > MAX_BYTES:
        raise ImportFileError(f"le fichier dépasse {MAX_BYTES // (1024 * 1024)} Mo.")
    text = _decode(raw)
    if not text.strip():
        raise ImportFileError("le fichier est vide.")
    first_line = text.splitlines()[0]
    delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = [fold_words(name).replace(" ", "_") for name in next(reader)]
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        raise ImportFileError(f"colonne(s) obligatoire(s) absente(s) : {', '.join(missing)}.")
    rows = []
    for values in reader:
        if not any(v.strip() for v in values):
            continue
        line = reader.line_num
        if len(values) != len(header):
            rows.append((line, None, f"{len(values)} valeurs au lieu de {len(header)}"))
            continue
        rows.append((line, {c: v.strip() for c, v in zip(header, values, strict=True) if c in KNOWN_COLUMNS}, None))
    return header, rows


def _validate(values, resolver):
    """Return (cleaned field values, manager matricule or None, errors)."""
    errors, cleaned = [], {}
    for column, name in TEXT_COLUMNS.items():
        if column not in values:
            continue
        value = values[column]
        max_length = Agent._meta.get_field(name).max_length
        if len(value) > max_length:
            errors.append(f"{column} dépasse {max_length} caractères")
            continue
        cleaned[name] = value
    for column, name in BOOLEAN_COLUMNS.items():
        if column not in values:
            continue
        value = values[column].lower()
        if value in TRUE_VALUES:
            cleaned[name] = True
        elif value in FALSE_VALUES:
            cleaned[name] = False
        else:
            errors.append(f"{column} doit valoir oui ou non (reçu « {values[column]} »)")
    if "civilite" in values:
        civility = parse_civility(values["civilite"])
        if civility is None:
            errors.append(f"civilite inconnue « {values['civilite']} » (Madame, Monsieur, Mme, M. ou vide)")
        else:
            cleaned["civility"] = civility
    for name in ("last_name", "first_name"):
        if not cleaned.get(name):
            errors.append(f"{'nom' if name == 'last_name' else 'prenom'} obligatoire")
    if cleaned.get("email"):
        try:
            validate_email(cleaned["email"])
        except ValidationError:
            errors.append(f"courriel invalide « {cleaned['email']} »")
    if cleaned.get("extension"):
        try:
            extension_validator(cleaned["extension"])
        except ValidationError:
            errors.append(f"poste invalide « {cleaned['extension']} » (2 à 6 chiffres)")
    if "service" in values:
        if values["service"]:
            service = resolver.find(values["service"])
            if service is None:
                errors.append(f"service inconnu « {values['service']} »")
            else:
                cleaned["service_id"] = service.pk
        else:
            cleaned["service_id"] = None
    manager = values.get("responsable") if "responsable" in values else None
    return cleaned, manager, errors


def import_directory(raw, *, dry_run=False, partial=False):
    """Import an HR export given as bytes; return its report.

    `partial` means the file is not a full export: nobody is deactivated.
    """
    report = agent_report(dry_run=dry_run)
    header, rows = read_rows(raw)
    unknown = [c for c in header if c not in KNOWN_COLUMNS]
    if unknown:
        report.warnings.append(f"colonne(s) ignorée(s) : {', '.join(unknown)}")
    resolver = ServiceResolver()

    # Validate every line; a rejected line never blocks the others.
    valid, seen, rejected_matricules = [], {}, set()
    for line, values, problem in rows:
        if problem:
            report.reject(f"ligne {line}", problem)
            continue
        matricule = values.get("matricule", "")
        try:
            matricule_validator(matricule)
        except ValidationError:
            report.reject(where(f"ligne {line}", matricule), f"matricule invalide « {matricule} »")
            continue
        if matricule in seen:
            reason = f"matricule déjà présent ligne {seen[matricule]}"
            report.reject(where(f"ligne {line}", matricule), reason)
            continue
        seen[matricule] = line
        cleaned, manager, errors = _validate(values, resolver)
        if errors:
            rejected_matricules.add(matricule)
            report.reject(where(f"ligne {line}", matricule), " ; ".join(errors))
            continue
        valid.append(Record(f"ligne {line}", matricule, cleaned, manager))

    return store_records(
        valid,
        source=Agent.Source.CSV,
        resolver=resolver,
        report=report,
        dry_run=dry_run,
        deactivate_missing=not partial,
        keep=rejected_matricules,
    )
