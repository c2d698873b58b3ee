"""Operations: locking, logging and run reports for scheduled crawls."""
