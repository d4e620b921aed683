jz-score -r tests/rubrics/mini.yaml --contracts samples/contracts.csv tests/bad/records-participants-huge-score.csv
