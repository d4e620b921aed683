jz-hours --rules tests/bad/rules-missing-key-training.yaml --contracts samples/contracts.csv samples/records/PY-SQ.csv
