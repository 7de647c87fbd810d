from .case import (
    MEDIATED_OUTCOMES,
    OPEN_STATES,
    Attachment,
    Authorisation,
    Case,
    CaseLink,
    Channel,
    Event,
    Outcome,
    Party,
    Risk,
    RiskReason,
    Source,
    State,
)
from .reference import Category, DeadlineRule, Kind, NumberCounter
from .work import (
    AgencyMode,
    AgentTask,
    Agreement,
    Deadline,
    ExtensionRequest,
    FollowUp,
    Handover,
    JudicialConfirmation,
    MediationSession,
    Wish,
)

__all__ = [
    "MEDIATED_OUTCOMES", "OPEN_STATES", "AgencyMode", "AgentTask", "Agreement", "Attachment",
    "Authorisation", "Case", "CaseLink", "Category", "Channel", "Deadline", "DeadlineRule",
    "Event", "ExtensionRequest", "FollowUp", "Handover", "JudicialConfirmation", "Kind", "MediationSession",
    "NumberCounter", "Outcome", "Party", "Risk", "RiskReason", "Source",
    "State", "Wish",
]
