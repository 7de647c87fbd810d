"""The registry of case actions (registry.py), their inputs (inputs.py) and declarations
(casework.py)."""

from .casework import ACTIONS
from .registry import Action, Registry, perform

__all__ = ["ACTIONS", "Action", "Registry", "perform"]
