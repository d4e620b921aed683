jz-hours --rules tests/bad/rules-instalments-not-100.yaml --contracts samples/contracts.csv samples/records/PY-SQ.csv
