from fazhi.core import textsearch


def test_pathological_text_is_segmented_in_bounded_runs():
    runs = textsearch._runs("漏" * 1000 + "，卫生间")
    assert [len(r) for r in runs] == [200, 200, 200, 200, 200, 3]


def test_only_the_first_index_chars_of_a_document_are_indexed():
    head = "水" * (textsearch.INDEX_CHARS - 5)
    tokens = textsearch.index_text(head, "邻居 答应维修", "管道").split()
    assert {"邻居", "答应", "邻", "答"} <= set(tokens)
    assert not {"维修", "管道", "维", "管"} & set(tokens)


def test_one_character_repeated_a_hundred_thousand_times_indexes_as_one_token():
    assert textsearch.index_text("漏" * 100_000) == "漏漏 漏"
