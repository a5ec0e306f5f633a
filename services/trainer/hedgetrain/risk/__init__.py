"""Risk measures (CVaR/expected shortfall in OCE form, entropic, mean-std, VaR) and their normal closed forms."""
from .measures import (entropic, expected_shortfall, mean_std, normal_cvar, normal_entropic, normal_var, oce_cvar,
                       value_at_risk)

__all__ = ["expected_shortfall", "oce_cvar", "entropic", "mean_std", "value_at_risk", "normal_var", "normal_cvar",
           "normal_entropic"]
