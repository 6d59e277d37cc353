"""`albumen deploy TARGET`: send the built `_site/` to a folder, SFTP/FTP, S3-compatible storage or a git branch.

Only changes travel: a manifest on the target (`.albumen-deploy.json`, path -> SHA-256) says what it holds;
a git branch's own tree plays that part there. One module per kind of target (folder, sftp, ftp, s3, git),
the plan and the manifest in plan.py, the run that sends a plan in sync.py.
"""
