jz-hours --rules tests/bad/rules-unknown-key-did-you-mean.yaml --contracts samples/contracts.csv samples/records/PY-SQ.csv
