"""The extractor stays readable: one module per stage, no function longer than about 80 lines."""

import ast

from .conftest import REPO

PACKAGE = REPO / "weltnetz_extract"
STAGES = ("publisher", "segment", "mentions", "relations", "attributes", "agreements", "people")


def test_one_module_per_stage():
    assert all((PACKAGE / f"{stage}.py").is_file() for stage in STAGES)
    pipeline = (PACKAGE / "pipeline.py").read_text(encoding="utf-8")
    assert len(pipeline.splitlines()) < 120
    for stage in STAGES:
        assert f"from .{stage} import" in pipeline


def test_no_function_over_80_lines():
    long = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                lines = node.end_lineno - node.lineno + 1
                if lines > 80:
                    long.append(f"{path.name}:{node.name} ({lines} lines)")
    assert long == []
