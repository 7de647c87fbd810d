"""Public voting in the demo world: the city's fifth "普法网红" selection, in progress (opened ten
days ago, closing in twenty), three categories of four candidates with placeholder photos drawn
with Pillow, ten days of votes from synthetic voters (a few held as a burst, for the review
queue), and two jury members with some marks. Set up through the voting services."""

from __future__ import annotations

import datetime as dt
import io
import random
from zoneinfo import ZoneInfo

from fazhi.core.roles import Role
from fazhi.voting.models import Candidate, Vote
from fazhi.voting.services import review, setup
from fazhi.voting.services.voters import voter_digest
from fazhi.voting.services.votes import vote_day

from .world import World

TZ = ZoneInfo("Asia/Shanghai")
CATEGORIES = {
    "法律工作者": [("李明律师", "湖北江岸律师事务所", "驻江汉北路社区律师，三年来为居民解答法律咨询六百余次。"),
              ("王芳", "西马司法所", "坚持以案释法，把《民法典》讲进居民楼栋。"),
              ("陈建国", "人民法庭", "巡回审判进社区，用身边案例普法。"),
              ("刘洋", "西马派出所", "社区民警，防诈骗宣讲覆盖全部小区。")],
    "社区普法达人": [("张秀英", "高雄社区", "退休教师，“法律明白人”，组织楼栋普法茶话会。"),
                ("赵磊", "金门社区", "网格员，用短视频讲解邻里纠纷的法律常识。"),
                ("孙丽", "西马路社区", "红马甲志愿者，每周在小区门口摆普法摊位。"),
                ("周强", "三阳路社区", "人民调解员，调解纠纷两百余件。")],
    "普法团队": [("西马街道法治宣讲团", "西马街道", "由律师、法官、民警组成，年均宣讲四十场。"),
             ("江汉北路“法润楼栋”小组", "江汉北路社区", "楼栋长带头，把普法做到每一户。"),
             ("青年普法志愿服务队", "团工委", "大学生志愿者，暑期开展未成年人保护宣传。"),
             ("老年维权普法队", "黄石路社区", "帮助老年人识别养老诈骗。")],
}
COLOURS = [(179, 38, 30), (26, 86, 219), (27, 127, 59), (163, 90, 0), (94, 53, 177),
           (0, 121, 140)]


def _photo(rng: random.Random, index: int) -> io.BytesIO:
    """A placeholder portrait: a coloured square with a head and shoulders."""
    from PIL import Image, ImageDraw

    colour = COLOURS[index % len(COLOURS)]
    image = Image.new("RGB", (320, 320), tuple(min(255, c + 150) for c in colour))
    draw = ImageDraw.Draw(image)
    draw.ellipse((110, 60, 210, 160), fill=colour)
    draw.rounded_rectangle((60, 175, 260, 340), radius=80, fill=colour)
    offset = rng.randrange(0, 40)
    draw.rectangle((0, 300 - offset // 4, 320, 320), fill=(255, 255, 255))
    out = io.BytesIO()
    image.save(out, "PNG")
    out.seek(0)
    return out


def build(rng: random.Random, world: World) -> None:
    admin = next((u for u in world.users.values() if u.role == Role.STREET_ADMIN), None)
    staff = [u for u in world.users.values() if u.role == Role.STREET_STAFF]
    if admin is None:
        return
    today = dt.datetime.combine(world.today, dt.time(9, 0), tzinfo=TZ)
    campaign = setup.campaign_create(
        actor=admin, title="第五届“普法网红”评选",
        intro="为展示基层普法工作者风采，市司法局开展第五届“普法网红”评选活动。"
              "每人每天可为每位候选人投 1 票，每个类别每天最多投 2 位。",
        opens_at=today - dt.timedelta(days=10), closes_at=today + dt.timedelta(days=20),
        is_published=True, picks_per_category=2, public_weight=50)
    candidates: list[Candidate] = []
    for position, (name, people) in enumerate(CATEGORIES.items(), start=1):
        category = setup.category_create(actor=admin, campaign=campaign, name=name,
                                         position=position)
        for order, (person, affiliation, intro) in enumerate(people, start=1):
            candidates.append(setup.candidate_save(
                actor=admin, campaign=campaign, category_id=category.pk, name=person,
                affiliation=affiliation, intro=intro, position=order,
                photo=_photo(rng, len(candidates)), photo_name="photo.png"))
    _votes(rng, campaign, candidates, today)
    if staff:
        setup.jurors_set(actor=admin, campaign=campaign, user_ids=[admin.pk, staff[0].pk])
        for juror in (admin, staff[0]):
            for candidate in candidates[::2]:
                review.mark_set(actor=juror, campaign=campaign, candidate_id=candidate.pk,
                                score=rng.randrange(60, 98))


def _votes(rng: random.Random, campaign, candidates, today: dt.datetime) -> None:
    """Ten days of votes; popularity differs by candidate. Written as rows (the demo does not
    send SMS): each voter at most twice a category a day, as the rules say."""
    weights = [rng.randrange(1, 10) for _ in candidates]
    votes: list[Vote] = []
    for days_ago in range(10, -1, -1):
        moment = today - dt.timedelta(days=days_ago)
        day = vote_day(moment)
        for v in range(rng.randrange(15, 30)):
            voter = voter_digest(campaign, f"1390{days_ago:02d}{v:05d}")
            chosen: dict[int, int] = {}  # category id -> picks
            voted: set[int] = set()
            for candidate in rng.choices(candidates, weights=weights, k=3):
                if candidate.pk in voted or chosen.get(candidate.category_id, 0) >= 2:
                    continue
                chosen[candidate.category_id] = chosen.get(candidate.category_id, 0) + 1
                voted.add(candidate.pk)
                votes.append(Vote(campaign=campaign, candidate=candidate,
                                  category_id=candidate.category_id, voter=voter, day=day,
                                  cast_at=moment + dt.timedelta(minutes=v),
                                  network=f"10.{rng.randrange(1, 250)}.{v}.0/24",
                                  device=f"{rng.getrandbits(64):016x}",
                                  pick=chosen[candidate.category_id]))
    # A burst from one network this morning: held for review.
    for i, candidate in enumerate(candidates[:6]):
        held_voter = voter_digest(campaign, f"1370000{i:04d}")
        votes.append(Vote(campaign=campaign, candidate=candidate,
                          category_id=candidate.category_id,
                          voter=held_voter, day=vote_day(today),
                          cast_at=today + dt.timedelta(seconds=5 * i),
                          network="203.0.113.0/24", device="burstdevice00001",
                          status=Vote.Status.HELD, reason=Vote.Reason.NETWORK_BURST, pick=1))
    Vote.objects.bulk_create(votes)
