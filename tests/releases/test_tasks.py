"""Problem lists from stored mentions: context exclusions and nested (broader) mentions."""

from releases.tasks import problem_list


def _mention(start, end, code, display, **flags):
    return {"start": start, "end": end, "text": display.lower(), "system": "SNOMED", "code": code,
            "display": display, **flags}


def test_a_mention_nested_in_a_longer_one_is_not_a_second_problem():
    mentions = [_mention(10, 37, "57054005", "Acute myocardial infarction"),
                _mention(16, 37, "22298006", "Myocardial infarction"),
                _mention(50, 69, "49436004", "Atrial fibrillation")]
    assert problem_list({}, mentions, {}) == [("57054005", "Acute myocardial infarction"),
                                              ("49436004", "Atrial fibrillation")]


def test_negated_and_family_mentions_are_left_out_but_the_same_span_twice_is_kept_once():
    mentions = [_mention(0, 12, "38341003", "Hypertension"), _mention(0, 12, "38341003", "Hypertension"),
                _mention(20, 39, "49436004", "Atrial fibrillation", negated=True),
                _mention(45, 58, "84114007", "Heart failure", family=True)]
    assert problem_list({}, mentions, {}) == [("38341003", "Hypertension")]
