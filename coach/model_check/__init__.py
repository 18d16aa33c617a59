"""`coach check-model`: probe the configured OpenAI-compatible endpoint and say, in plain
words, whether its model can coach, and with which settings.

- ``check``: the probes, within one deadline (``check_model``)
- ``wire``: one HTTP request per probe, no retries
- ``verdict``: the verdict and the settings to use, from what the probes found
- ``result``: the typed result; ``render``: in words; ``cache``: the last one, per model
- ``cli``: the command
"""
