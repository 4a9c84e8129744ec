"""What can be wrong with a command's use: its options and arguments, the tables it imports,
the files it writes, the git revisions it reads."""

from __future__ import annotations

import errno

from iptarget.errors import Text, text
from iptarget.texts.template import message, term

# -- the command line (Click's usage errors, worded here) ------------------------------------

USAGE_ERROR = message("usage.error", "Error: {message}")
USAGE_HELP = message("usage.help", "Try '{command} {option}' for help.")
NO_SUCH_OPTION = message("usage.no_such_option", "No such option: {name}")
NO_SUCH_OPTION_NEAR = message(
    "usage.no_such_option_near", "No such option: {name} (did you mean {near}?)"
)
NO_SUCH_COMMAND = message("usage.no_such_command", "No such command '{name}'.")
NO_SUCH_COMMAND_NEAR = message(
    "usage.no_such_command_near", "No such command '{name}'. Did you mean '{near}'?"
)
MISSING_ARGUMENT = message("usage.missing_argument", "Missing argument '{name}'.")
MISSING_OPTION = message("usage.missing_option", "Missing option '{name}'.")
NEEDS_VALUE = message("usage.needs_value", "Option '{name}' requires an argument.")
TAKES_NO_VALUE = message("usage.takes_no_value", "Option '{name}' does not take a value.")
EXTRA_ARGUMENTS = message("usage.extra", "Got unexpected extra argument(s) ({arguments})")
INVALID_VALUE = message("usage.invalid", "Invalid value for {name}: {message}")
NOT_ONE_OF = message("usage.not_one_of", "{value} is not one of {choices}")
XLSX_NEEDS_OUTPUT = message(
    "usage.xlsx_output", "xlsx is a workbook, not text: give --output FILE.xlsx"
)
NOT_A_STATUS = message("usage.not_a_status", "{value} is not a status (did you mean {near}?)")
NOT_A_VERDICT = message("usage.not_a_verdict", "{value} is not a verdict (did you mean {near}?)")
NOT_A_DATE = message(
    "usage.not_a_date", "{value} is not a date: give it as YYYY-MM-DD, such as 2024-06-30"
)
NOT_DAYS = message("usage.not_days", "{value} is not a number of days: give 0 or more")
NOT_LANGUAGE = message("usage.not_language", "{value} is not a language: give en or zh")
MISSING_COMMAND = message("usage.missing_command", "Missing command.")
USAGE_OTHER = message("usage.other", "{message}")

# -- what the commands refuse ----------------------------------------------------------------

NAME_OF_SEVERAL = message(
    "region.ambiguous", '"{name}" is the name of several regions ({ids}); give an id'
)
NO_POLICY_FILE = message(
    "check.no_policy", "no policy file in policies/: check has no target to judge"
)
NO_TARGET_SELECTED = message("check.nothing_selected", "these filters select no target")
DIRECTORY_TWICE = message("init.twice", "give the directory once: {path} or --dir {directory}")
NOT_EMPTY = message(
    "init.not_empty", "already exists and is not empty; init makes a new target directory"
)
NO_DIRECTORY_HERE = message("schema.no_directory", "no target directory here (give --dir)")

# -- tables to import ------------------------------------------------------------------------

FILE_NOT_FOUND = message("import.not_found", "file not found")
NOT_TEXT = message(
    "import.not_text", "neither UTF-8 nor GB18030 text (byte {byte}); save it as CSV UTF-8"
)
NOT_CSV = message("import.not_csv", "not valid CSV: {reason}")
NO_ROWS = message("import.no_rows", "no rows under the header")
COLUMN_MISSING = message("import.column_missing", 'the column "{name}" is missing')
COLUMN_TWICE = message("import.column_twice", "a column is named twice")
CELLS = message("import.cells", "{cells} cells where the header has {columns} columns")
NO_HEADING = message("import.no_heading", "column {number} has no heading but holds {value}")
READ_AS_GB18030 = message(
    "import.gb18030", "not UTF-8, so read as GB18030 (Excel's CSV on Chinese Windows)"
)
NOT_WORKBOOK = message(
    "xlsx.not_workbook", "not an Excel workbook (.xlsx) that can be read: {reason}"
)
MERGED = message("xlsx.merged", "cells {cells} are merged; unmerge them (one value to a cell)")
NO_HEADER = message(
    "import.no_header",
    "no header row: above the figures, a row must name the columns metric, region, period and "
    "value",
)
NO_SAVED_RESULT = message(
    "xlsx.formula",
    "a formula without a saved result: open and save the file in Excel, or paste the values",
)
TOO_BIG = message(
    "import.too_big", "is {size} MB, more than import reads ({limit} MB): split it into parts"
)
DATE_IN_PERIOD = message(
    "xlsx.date",
    "{date} is a date, not a period: type the period as text (2024, 2024-Q1, 2024-03), "
    "formatted as Text in Excel",
)

# -- writing ---------------------------------------------------------------------------------

CANNOT_WRITE = message("write.cannot", "cannot write: {reason}")
NOT_REGULAR_OUTPUT = message(
    "write.not_regular",
    "is not a regular file (a FIFO, a device or a folder): iptarget writes only to a "
    "regular file, or to /dev/stdout",
)
READ_ONLY = message("write.read_only", "read-only; make it writable to record here")
LOCKED = message(
    "write.locked", "another iptarget command is writing here; gave up after waiting {seconds} s"
)
FOREIGN_JOURNAL = message(
    "write.foreign_journal",
    "not a journal iptarget wrote (it names {path}), so nothing in it was done: remove it; "
    "iptarget keeps its journal only while it writes, and it never belongs in git",
)
PENDING = message(
    "write.pending",
    "an interrupted import is pending: run `iptarget validate --repair` to complete it",
)
CANNOT_LOCK = message(
    "write.cannot_lock",
    "cannot lock the directory against other writers, so nothing was written: {reason}",
)

# -- git, for diff ---------------------------------------------------------------------------

NOT_A_REPOSITORY = message(
    "git.not_repository", "not inside a git repository: diff compares two revisions of one"
)
OUTSIDE_REPOSITORY = message("git.outside", "outside the repository at {top}")
UNKNOWN_REVISION = message("git.unknown_revision", "unknown revision {name} (git rev-parse)")
NO_GIT = message("git.missing", "git is not installed (diff needs it)")
TREE_OUTSIDE = message(
    "git.tree_outside",
    "the tree at this revision holds {path}, a path that leads out of the directory; "
    "nothing was written",
)
TREE_LINK = message(
    "git.tree_link",
    "the tree at this revision holds {path}, a symbolic link or a submodule; a target "
    "directory holds only files",
)
TREE_FILE_AND_FOLDER = message(
    "git.tree_file_and_folder",
    "the tree at this revision holds a file and a folder (or two files) named {path}",
)
GIT_SAID = message("git.said", "{line}")
SIDE_INVALID = message("git.side_invalid", "{directory} does not validate at this revision:")

# -- what the system says of a file it cannot read or write (by errno), and CSV's complaints --

OS_ERRORS = {
    errno.ENOENT: term("os.missing", "os", "No such file or directory"),
    errno.EACCES: term("os.denied", "os", "Permission denied"),
    errno.EPERM: term("os.not_permitted", "os", "Operation not permitted"),
    errno.EISDIR: term("os.directory", "os", "Is a directory"),
    errno.ENOTDIR: term("os.not_directory", "os", "Not a directory"),
    errno.ENOSPC: term("os.full", "os", "No space left on device"),
    errno.EROFS: term("os.read_only", "os", "Read-only file system"),
    errno.EEXIST: term("os.exists", "os", "File exists"),
}
OS_OTHER = message("os.other", "{reason}")
CSV_REASONS = {
    "unexpected end of data": term("csv.unclosed", "csv", "a quoted cell is not closed"),
    "line contains NUL": term("csv.nul", "csv", "a line holds a NUL character"),
}
CSV_OTHER = message("csv.other", "{reason}")


def os_reason(error: OSError) -> Text:
    """Why the system refused a file, in the catalogue's words when the error is a known one."""
    known = OS_ERRORS.get(error.errno or 0)
    if known is not None:
        return text(known)
    return text(OS_OTHER, reason=error.strerror or str(error))


def csv_reason(reason: str) -> Text:
    """Why Python's CSV reader refused a file, in the catalogue's words when known."""
    known = CSV_REASONS.get(reason)
    return text(known) if known is not None else text(CSV_OTHER, reason=reason)
