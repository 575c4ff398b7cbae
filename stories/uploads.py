"""An upload handler that writes to a temporary file and stops writing past a limit.

A view declares its limits with ``stories.views.upload_limits`` ({field name: bytes},
from the call); they are looked up here because the CSRF middleware reads the body before
the view runs. A file over its limit is not written further but still reaches the form,
marked ``too_big`` with the size the browser sent, so the form can say so while the rest
of what the person typed is kept. A request far larger than every limit together is cut.
"""

from django.core.files.uploadhandler import StopUpload, TemporaryFileUploadHandler

DEFAULT_LIMIT = 50 * 1024 * 1024
# Room for the text fields and the multipart framing around the files.
FORM_ALLOWANCE = 5 * 1024 * 1024


class LimitedTemporaryFileUploadHandler(TemporaryFileUploadHandler):
    def _limits(self):
        if not hasattr(self.request, "upload_limits"):
            match = getattr(self.request, "resolver_match", None)
            limits_for = getattr(match.func, "upload_limits", None) if match else None
            self.request.upload_limits = limits_for(self.request, **match.kwargs) if limits_for else {}
        return self.request.upload_limits

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        limits = self._limits()
        cap = (sum(limits.values()) if limits else DEFAULT_LIMIT) + FORM_ALLOWANCE
        if content_length and content_length > cap:
            self.request.upload_cut = True
            raise StopUpload(connection_reset=True)

    def new_file(self, field_name, *args, **kwargs):
        super().new_file(field_name, *args, **kwargs)
        self.limit = self._limits().get(field_name, DEFAULT_LIMIT)
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received <= self.limit:
            self.file.write(raw_data)

    def file_complete(self, file_size):
        upload = super().file_complete(min(file_size, self.limit))
        upload.too_big = self.received > self.limit
        upload.size = self.received
        return upload
