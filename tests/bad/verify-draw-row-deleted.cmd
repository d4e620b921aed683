jz-verify --draw tests/bad/verify-draw-row-deleted.csv samples/verify/verification-HZ-NZ.csv
