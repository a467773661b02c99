"""What the tests and the benchmarks both use to drive a real OASIS: the live stack (``stack.py``), the
HTTP and websocket clients (``client.py``), the busybox root filesystem of the test images
(``busybox.py``) and an S3 object store (``s3.py``, moto's server). Not a test suite and no pytest:
``tests/fixtures/`` wraps these in fixtures, and ``bench/`` uses them as they are."""
