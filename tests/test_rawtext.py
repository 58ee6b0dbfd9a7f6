import pytest

from hkcoop.errors import InputError
from hkcoop.ingest.rawtext import read_raw


def test_text_is_decoded_without_any_change(tmp_path):
    data = "\ufeff滬港\r\n合作\u00a0會議\n".encode("utf-8")
    p = tmp_path / "a.txt"
    p.write_bytes(data)
    raw = read_raw(p)
    assert raw.text == data.decode("utf-8") and raw.text[0] == "\ufeff" and "\r\n" in raw.text
    assert len(raw.sha256) == 64


def test_tabs_and_line_and_page_breaks_are_text_not_control_characters(tmp_path):
    p = tmp_path / "a.txt"
    p.write_bytes("合作\t\v\f\r\n".encode() * 20 + b"\x1b")
    assert read_raw(p).text.count("\t") == 20


@pytest.mark.parametrize("data, message", [
    ("沪港".encode() + b"\xff\xfe" + "合作".encode(), "not valid UTF-8: invalid start byte at byte offset 6"),
    ("沪港合作".encode("gb18030"), "not valid UTF-8"),
    (b"", "empty file"),
    (b" \n\n\t ", "only whitespace"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file (NUL byte at byte offset 8)"),
    ("合作".encode() + b"\x01\x02\x08\x0e\x1b\x1f", "binary file (6 control characters)"),
])
def test_bad_bytes_name_the_file_and_the_problem(tmp_path, data, message):
    p = tmp_path / "bad.txt"
    p.write_bytes(data)
    with pytest.raises(InputError) as exc:
        read_raw(p)
    assert str(p) in str(exc.value) and message in str(exc.value)
