"""Every write of the study app: materials, the study timer, the year's rule, the weekly
学法半小时 record (through outreach's service) and audited exports."""
