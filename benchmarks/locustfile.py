"""One URL, requested as fast as the users can: BENCH_PATH names it."""

import os

from locust import constant, task
from locust.contrib.fasthttp import FastHttpUser

PATH = os.environ["BENCH_PATH"]


class Visitor(FastHttpUser):
    wait_time = constant(0)

    @task
    def get(self):
        with self.client.get(PATH, name="page", catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"status {response.status_code}")
