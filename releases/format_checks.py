"""The OpenAI cookbook's format checks for chat fine-tuning data, over parsed JSONL lines.

Each error kind is counted (never the offending content): ``data_type``, ``missing_messages_list``,
``message_missing_key``, ``message_unrecognized_key``, ``unrecognized_role``, ``missing_content``,
``example_missing_assistant_message``.
"""

from __future__ import annotations

from collections import Counter

ALLOWED_MESSAGE_KEYS = {"role", "content", "name", "function_call", "weight"}
ALLOWED_ROLES = {"system", "user", "assistant", "function"}


def format_errors(examples) -> Counter:
    errors: Counter = Counter()
    for example in examples:
        if not isinstance(example, dict):
            errors["data_type"] += 1
            continue
        messages = example.get("messages")
        if not messages or not isinstance(messages, list):
            errors["missing_messages_list"] += 1
            continue
        for message in messages:
            if not isinstance(message, dict) or "role" not in message or "content" not in message:
                errors["message_missing_key"] += 1
                continue
            if any(k not in ALLOWED_MESSAGE_KEYS for k in message):
                errors["message_unrecognized_key"] += 1
            if message.get("role") not in ALLOWED_ROLES:
                errors["unrecognized_role"] += 1
            content, function_call = message.get("content"), message.get("function_call")
            if (not content and not function_call) or not isinstance(content, (str, type(None))):
                errors["missing_content"] += 1
        if not any(isinstance(m, dict) and m.get("role") == "assistant" for m in messages):
            errors["example_missing_assistant_message"] += 1
    return errors
