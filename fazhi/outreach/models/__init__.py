"""Law popularisation (普法): responsibility lists, activities, sign-ins, cadre law study."""

from .activities import Activity, ActivityPhoto, CommunityFeed, SignIn, WalkIn
from .lists import KeyDate, ListItem, ResponsibilityList, SupervisionNote
from .study import StudySession

__all__ = [
    "Activity", "ActivityPhoto", "CommunityFeed", "KeyDate", "ListItem",
    "ResponsibilityList", "SignIn", "StudySession", "SupervisionNote", "WalkIn",
]
