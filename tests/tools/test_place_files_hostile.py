"""The run folder's place files reach the sandbox by name, never by link: a planted symlink, an odd
name or an oversized file in places/ is not handed to the jail (tools/place_files.py)."""

from tools import place_files


def test_only_plain_place_files_of_the_expected_names_are_handed_over(tmp_path):
    places = tmp_path / "places"
    places.mkdir()
    (places / "utrecht-parts.geojson").write_text('{"type":"FeatureCollection","features":[]}')
    secret = tmp_path / "secret.txt"
    secret.write_text("api key")
    (places / "evil.geojson").symlink_to(secret)  # a link to a host file
    (places / "Bad Name.geojson").write_text("{}")
    (places / "big.geojson").write_text(" " * (place_files.MAX_FILE_BYTES + 1))
    got = place_files.files(tmp_path)
    assert list(got) == ["places/utrecht-parts.geojson"]
    assert all("api key" not in text for text in got.values())


def test_copy_into_a_new_run_takes_the_same_files_and_no_links(tmp_path):
    src, dst = tmp_path / "run1", tmp_path / "run2"
    (src / "places").mkdir(parents=True)
    (src / "places" / "a-parts.geojson").write_text("{}")
    (src / "places" / "link.geojson").symlink_to("/etc/hostname")
    assert place_files.copy(src, dst) == ["places/a-parts.geojson"]
    assert not (dst / "places" / "link.geojson").exists()
