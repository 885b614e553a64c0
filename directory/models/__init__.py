from .organisation import Agent, AgentQuerySet, Service
from .pages import DirectoryPage

__all__ = ["Agent", "AgentQuerySet", "DirectoryPage", "Service"]
