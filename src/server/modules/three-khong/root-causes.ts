/** Root-cause categories of an accountability record (DOMAIN.md 17.5) with their Vietnamese labels. */
export const ROOT_CAUSES = ['workload', 'coordination', 'consultation_delay', 'applicant', 'system', 'staff_error', 'legal_complexity', 'other'] as const;

export const ROOT_CAUSE_VI: Record<string, string> = {
  workload: 'Quá tải công việc',
  coordination: 'Phối hợp giữa các bộ phận',
  consultation_delay: 'Cơ quan được lấy ý kiến trả lời chậm',
  applicant: 'Do người nộp',
  system: 'Sự cố hệ thống',
  staff_error: 'Sai sót của cán bộ',
  legal_complexity: 'Vướng mắc pháp lý',
  other: 'Khác',
  unknown: 'Chưa xác định',
};

/** A late dossier without an accountability record: its cause is "chưa xác định". */
export const UNKNOWN_CAUSE = 'unknown';
