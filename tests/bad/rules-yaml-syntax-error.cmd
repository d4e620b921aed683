jz-hours --rules tests/bad/rules-yaml-syntax-error.yaml --contracts samples/contracts.csv samples/records/PY-SQ.csv
