"""What the demo builders share: the world being built and synthetic personal data.

Every value comes from one seeded ``random.Random``, so two runs with the same seed, scale and
date build the same rows. ID numbers are synthetic but valid (GB 11643 check digit), seated in
江岸区 (420102); mobiles are valid 11-digit numbers.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from typing import Any

from stdnum.cn import ric

DEMO_PASSWORD = "Fazhi-Demo-2026"  # noqa: S105  (documented demo password; never on a shared server)

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程魏苏吕丁任沈姚卢"
GIVEN = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀英", "华", "慧", "建国", "建华", "志强", "晓东", "海燕", "桂英", "玉兰", "文", "斌", "红", "平", "刚", "桂芳", "春梅", "德明", "国庆", "佳", "琳", "子涵", "浩然", "思远", "雨桐", "俊杰", "婷", "鑫", "雪", "晨"]


@dataclass
class World:
    """The demo world under construction; each builder reads what earlier ones made."""

    scale: int = 1
    today: dt.date = field(default_factory=dt.date.today)
    regions: dict[str, Any] = field(default_factory=dict)      # code -> Region
    communities: list[Any] = field(default_factory=list)       # Region, in a fixed order
    units: dict[str, list[Any]] = field(default_factory=dict)  # Unit.Kind -> [Unit]
    people: dict[str, list[Any]] = field(default_factory=dict)  # Person.Kind -> [Person]
    users: dict[str, Any] = field(default_factory=dict)        # username -> User
    accounts: list[dict[str, str]] = field(default_factory=list)  # the printed account table
    _ids: set[str] = field(default_factory=set)
    _mobiles: set[str] = field(default_factory=set)

    def community(self, code: str) -> Any:
        return self.regions[code]

    def id_number(self, rng: random.Random) -> str:
        """A fresh synthetic ID number with a correct check digit."""
        while True:
            born = dt.date(1955, 1, 1) + dt.timedelta(days=rng.randrange(0, 365 * 48))
            body = f"420102{born:%Y%m%d}{rng.randrange(0, 1000):03d}"
            number = body + ric.calc_check_digit(body + "0")  # the function skips the last char
            if number not in self._ids:
                self._ids.add(number)
                return number

    def mobile(self, rng: random.Random) -> str:
        while True:
            number = rng.choice(("139", "138", "137", "136", "158", "186", "189", "177")) + \
                f"{rng.randrange(0, 10**8):08d}"
            if number not in self._mobiles:
                self._mobiles.add(number)
                return number


def person_name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + rng.choice(GIVEN)
